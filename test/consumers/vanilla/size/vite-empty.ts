// Nothing: a Vite app's fixed cost (the modulepreload polyfill).
