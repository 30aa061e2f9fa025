/** The explorer's entry: tabs, then each panel wires its form. */
import './style.css';
import { initAnalysisPanel } from './analysisPanel.js';
import { initCoherencyPanel } from './coherencyPanel.js';
import { initRatesPanel } from './ratesPanel.js';
import { initToysPanel } from './toysPanel.js';
import { byId } from './dom.js';

function initTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('nav button[data-panel]')];
  const show = (id: string) => {
    for (const t of tabs) {
      const on = t.dataset.panel === id;
      t.setAttribute('aria-selected', String(on));
      byId(t.dataset.panel!).hidden = !on;
    }
    history.replaceState(null, '', `#${id}`);
  };
  for (const t of tabs) t.addEventListener('click', () => show(t.dataset.panel!));
  const initial = location.hash.slice(1);
  show(tabs.some((t) => t.dataset.panel === initial) ? initial : tabs[0]!.dataset.panel!);
}

initTabs();
initCoherencyPanel();
initAnalysisPanel();
initToysPanel();
void initRatesPanel().then(() => document.body.setAttribute('data-ready', ''));
