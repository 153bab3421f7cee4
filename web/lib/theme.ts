import { createSignal } from 'solid-js';

/** What the user chose: a fixed theme, or whatever the operating system says. */
export type ThemePreference = 'system' | 'light' | 'dark';

// The same key public/theme.js reads before the first paint.
const KEY = 'greenroom.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function stored(): ThemePreference {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** The theme a preference shows now. */
function resolveTheme(preference: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  return preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
}

const [preference, setPreferenceSignal] = createSignal<ThemePreference>(stored());

/** The user's theme preference (reactive). */
export const themePreference = preference;

/** Remembers the preference in this browser and shows it at once. */
export function setThemePreference(value: ThemePreference): void {
  try {
    if (value === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, value);
  } catch {
    // Storage may be off (private mode): the choice then lasts for this page only.
  }
  setPreferenceSignal(value);
  document.documentElement.setAttribute('data-theme', resolveTheme(value, darkQuery().matches));
}
