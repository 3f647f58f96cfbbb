// Imported first by sandboxes.mjs: 16 libuv threads, as engine.md §6.2 has the engine's launcher
// set, so the reflink and copy backends run 16 file operations at once. libuv reads the variable
// when its pool starts, on the first async fs call, which comes later.
process.env.UV_THREADPOOL_SIZE ??= '16';
