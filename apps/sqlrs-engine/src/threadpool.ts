// Imported first by main.ts: reflink/copy clones copy 16 files at a time on libuv's thread pool,
// which has 4 threads unless sized before its first use.
process.env.UV_THREADPOOL_SIZE ??= '16';
