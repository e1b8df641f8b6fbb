import { mount } from 'svelte';
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type {} from 'anubhav-widgets/svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
