import Markdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { remarkBlanks } from "./remark-blanks";
import "./markdown.css";

// Runbook prose rendered as Markdown, safely: no rehype-raw, so raw HTML in a document shows as
// inert text, and react-markdown's default urlTransform empties javascript:/data: URLs, which we
// then render as plain text rather than as a link that reloads the page. Works on the server and
// in client components alike (no hooks).

const components: Components = {
  a({ href, children, node: _node, ...rest }) {
    if (!href) {
      return (
        <span className="text-slate-500 underline decoration-dotted" title="Link removed: unsafe URL">
          {children}
        </span>
      );
    }
    const external = /^https?:/i.test(href);
    return (
      <a
        {...rest}
        href={href}
        className="text-sky-800 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-700"
        {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
      >
        {children}
      </a>
    );
  },
  table({ children, node: _node }) {
    return (
      <div className="my-3 overflow-x-auto rounded border border-slate-200">
        <table className="w-full border-collapse text-sm">{children}</table>
      </div>
    );
  },
  thead({ children, node: _node }) {
    return <thead className="bg-slate-100 text-left text-slate-700">{children}</thead>;
  },
  th({ children, style, node: _node }) {
    return (
      <th style={style} className="border-b border-slate-200 px-3 py-1.5 font-semibold">
        {children}
      </th>
    );
  },
  td({ children, style, node: _node }) {
    return (
      <td style={style} className="border-t border-slate-100 px-3 py-1.5 align-top">
        {children}
      </td>
    );
  },
  input({ type, checked, node: _node }) {
    if (type !== "checkbox") return null;
    // Read-only here: ticking happens in a run, where it is recorded.
    return (
      <input
        type="checkbox"
        checked={Boolean(checked)}
        readOnly
        disabled
        className="mr-2 size-4 translate-y-0.5 accent-slate-700"
      />
    );
  },
  li({ children, className, node }) {
    const task = typeof className === "string" && className.includes("task-list-item");
    return (
      <li className={task ? "my-1 list-none" : "my-0.5"} data-task={task ? "" : undefined} data-md-line={node?.position?.start.line}>
        {children}
      </li>
    );
  },
  img({ src, alt, node: _node }) {
    if (typeof src !== "string" || !src) return <span className="text-slate-500">[image: {alt}]</span>;
    return <img src={src} alt={alt ?? ""} loading="lazy" referrerPolicy="no-referrer" className="my-2 max-w-full" />;
  },
};

export function MarkdownProse({ source, className }: { source: string; className?: string }) {
  return (
    <div className={`md-prose ${className ?? ""}`}>
      <Markdown remarkPlugins={[remarkGfm, remarkBlanks]} rehypePlugins={[[rehypeHighlight, { detect: false }]]} components={components}>
        {source}
      </Markdown>
    </div>
  );
}
