import module from 'node:module';

// The entry of the built server (`npm start`). On Node 22.1 and newer, V8 keeps the code it compiled for
// the bundle on disk between starts (in the system's temporary folder), which makes a restart faster;
// Node 20 has no such cache and simply loads the bundle.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main');
