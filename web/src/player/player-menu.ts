import type { FlatNavigation } from './flat-navigation.js';
import type { PlayerItem } from './player-api.js';
import { $ } from './player-view.js';
import type { MenuEntry, Sequencer } from './sequencer.js';

/** The menu and buttons of a course played in manifest order. */
export function renderFlatMenu(
  navigation: FlatNavigation,
  current: PlayerItem | null,
  open: (item: PlayerItem) => void,
): void {
  const items = navigation.items;
  const menu = $('item-menu');
  const visible = items.filter((i) => i.visible);
  // isvisible="false" keeps an item out of the menu, not out of the flow: packages that hide
  // every item (golf remediation: flow only, no choice) still need Previous and Next.
  $('player-nav').hidden = items.length < 2;
  const index = current ? items.indexOf(current) : -1;
  $<HTMLButtonElement>('prev-item').disabled = !navigation.canGoBack(index);
  $<HTMLButtonElement>('next-item').disabled = index >= items.length - 1;
  $('menu-note').hidden = items.every((i) => i === current || navigation.choosable(i, current));
  menu.hidden = visible.length === 0;
  menu.replaceChildren(
    ...visible.map((item) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['testid'] = `item-${item.id}`;
      button.textContent = `${item.completed ? '✓ ' : ''}${item.title}`;
      button.className = item === current ? 'current' : item.completed ? 'completed' : '';
      button.setAttribute('aria-current', item === current ? 'step' : 'false');
      // Control modes may put an item out of the menu's reach (choice="false", or behind the
      // learner under forwardOnly): it stays in the menu, focusable, and says why.
      const locked = item !== current && !navigation.choosable(item, current);
      if (locked) {
        button.setAttribute('aria-disabled', 'true');
        button.setAttribute('aria-describedby', 'menu-note');
        button.classList.add('locked');
      }
      button.addEventListener('click', () => {
        if (!locked) open(item);
      });
      li.append(button);
      return li;
    }),
  );
}

/**
 * The course's tree: clusters as headings over their items, hidden ones left out, and each
 * item the rules keep out of reach greyed with the reason beside it. The buttons are those
 * the engine allows and the package's hideLMSUI leaves.
 */
export function renderSequencedMenu(
  sequencer: Sequencer,
  delivered: boolean,
  choose: (id: string) => void,
): void {
  const hide = new Set(sequencer.hiddenControls());
  $('player-nav').hidden = false;
  const buttons: Array<[string, string, boolean]> = [
    ['prev-item', 'previous', sequencer.canGoBack()],
    ['next-item', 'continue', sequencer.canContinue()],
    ['exit-item', 'exit', delivered],
    ['exit-all', 'exitAll', true],
    ['suspend-all', 'suspendAll', delivered],
  ];
  for (const [id, token, allowed] of buttons) {
    const button = $<HTMLButtonElement>(id);
    button.hidden = hide.has(token);
    button.disabled = !allowed;
  }
  $('menu-note').hidden = true;
  const build = (entries: MenuEntry[], depth: number): HTMLLIElement[] =>
    entries
      .filter((entry) => !entry.hidden)
      .map((entry) => {
        const li = document.createElement('li');
        if (!entry.leaf) {
          const heading = document.createElement('span');
          heading.className = 'cluster';
          heading.setAttribute('role', 'heading');
          heading.setAttribute('aria-level', String(depth + 2));
          heading.textContent = entry.title;
          const list = document.createElement('ol');
          list.append(...build(entry.children, depth + 1));
          li.append(heading, list);
          return li;
        }
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset['testid'] = `item-${entry.id}`;
        button.textContent = `${entry.completed ? '✓ ' : ''}${entry.title}`;
        button.className = entry.current ? 'current' : entry.completed ? 'completed' : '';
        button.setAttribute('aria-current', entry.current ? 'step' : 'false');
        li.append(button);
        if (entry.locked && !entry.current) {
          const reason = document.createElement('small');
          reason.id = `reason-${entry.id}`;
          reason.className = 'lock-reason';
          reason.dataset['testid'] = `reason-${entry.id}`;
          reason.textContent = entry.locked;
          button.setAttribute('aria-disabled', 'true');
          button.setAttribute('aria-describedby', reason.id);
          button.classList.add('locked');
          li.append(reason);
        } else if (!entry.current) {
          button.addEventListener('click', () => choose(entry.id));
        }
        return li;
      });
  const menu = $('item-menu');
  menu.hidden = false;
  menu.replaceChildren(...build(sequencer.menu(), 0));
}
