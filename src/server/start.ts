import cluster from 'node:cluster';
import module from 'node:module';

// The entry of the built server (`npm start`). On Node 22.1 and newer, V8 keeps the code it compiled for
// the bundle on disk between starts (in the system's temporary folder), which makes a restart faster.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const major = Number(process.versions.node.split('.')[0]);
if (major < 22 && cluster.isPrimary) {
  process.stderr.write(
    `Klantwerk supports Node.js 22 and 24; this is ${process.version}, past its end of life, on which it is not tested. ` +
      'Install Node.js 22 or 24 LTS.\n',
  );
}
await import('./main');
