// Loaded into a measured server with `--import` (and --expose-gc): answers the benchmark's "memory" message
// over the IPC channel with process.memoryUsage() after a full GC. The server's own code is untouched.
process.channel?.unref();
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
