import { For } from 'solid-js';
import { setThemePreference, themePreference, type ThemePreference } from '../lib/theme';
import { Icon, type IconName } from './Icon';
import './ThemeToggle.css';

const MENU_ID = 'theme-menu';
const CHOICES: { value: ThemePreference; label: string; icon: IconName }[] = [
  { value: 'system', label: 'System theme', icon: 'monitor' },
  { value: 'light', label: 'Light theme', icon: 'sun' },
  { value: 'dark', label: 'Dark theme', icon: 'moon' },
];

/**
 * The header's theme switch: system (the default), light or dark, remembered in this browser.
 * The browser's popover opens and dismisses the list, as for the account menu.
 */
export function ThemeToggle() {
  let menu: HTMLDivElement | undefined;
  const current = () => CHOICES.find((c) => c.value === themePreference()) ?? CHOICES[0]!;
  const choose = (value: ThemePreference) => {
    setThemePreference(value);
    menu?.hidePopover();
  };

  return (
    <div class="theme-toggle">
      <button type="button" class="icon-button theme-trigger" popovertarget={MENU_ID} aria-label={`Theme: ${current().label}`} title="Theme">
        <Icon name={current().icon} size={18} />
      </button>
      <div id={MENU_ID} ref={menu} popover class="menu-content theme-menu" role="group" aria-label="Theme">
        <For each={CHOICES}>
          {(choice) => (
            <button type="button" class="menu-item" aria-pressed={themePreference() === choice.value} onClick={() => choose(choice.value)}>
              <Icon name={choice.icon} />
              <span class="theme-choice-label">{choice.label}</span>
              <Icon name="check" class="theme-choice-check" />
            </button>
          )}
        </For>
      </div>
    </div>
  );
}
