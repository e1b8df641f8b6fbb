// Loaded lazily by vite-lazy.ts.
export {};
