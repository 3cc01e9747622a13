/** The console's browser entry: loads the configuration, then renders the page. */
import 'graphiql/style.css';
import './console.css';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import type { ConsoleConfig } from '../contract.ts';
import { App } from './app.ts';

async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status} from /console/config.json`);
  return (await response.json()) as ConsoleConfig;
}

const container = document.getElementById('console-root');
if (container !== null) {
  const root = createRoot(container);
  loadConfig().then(
    (config) => root.render(h(App, { config })),
    (error: unknown) =>
      root.render(h('p', { className: 'hd-fatal', role: 'alert' }, `The console could not load its configuration: ${error instanceof Error ? error.message : String(error)}. Is the emulator running?`)),
  );
}
