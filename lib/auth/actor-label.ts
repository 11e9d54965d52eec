/** How a user is named in run events, reports and the audit trail. */
export function actorLabel(u: { name: string; email: string }): string {
  return u.name && u.name !== u.email ? `${u.name} <${u.email}>` : u.email;
}
