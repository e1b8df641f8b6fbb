#!/usr/bin/env node
// The anubhav-posters command. It lives outside dist/ so that npm links it
// on a fresh install, before the first build has made dist/posters.js.
import "../dist/posters.js";
