// The one barrel in lib/: drizzle needs every table in a single schema object.
export * from './audit';
export * from './auth';
export * from './inbox';
export * from './jobs';
export * from './live-events';
export * from './mail';
export * from './media';
export * from './posts';
export * from './reports';
export * from './tiktok-accounts';
export * from './webhook-events';
export * from './workspaces';
