import { createApp } from 'vue';
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type {} from 'anubhav-widgets/vue';
import App from './App.vue';

createApp(App).mount('#app');
