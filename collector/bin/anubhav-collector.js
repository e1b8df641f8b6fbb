#!/usr/bin/env node
// The anubhav-collector command. It lives outside dist/ so that npm links it
// on a fresh install, before the first build has made dist/main.js.
import "../dist/main.js";
