import { A } from '@solidjs/router';
import { For, lazy, Show, Suspense } from 'solid-js';
import type { TaskOutput } from '../../api/scaffolderApi';
import { Icon } from '../../components/Icon';
import { resolveOutputLink } from './outputLinks';

// Markdown and its sanitizer are the bulk of this card's code; most pages never need them.
const OutputMarkdown = lazy(() => import('./OutputMarkdown'));

/** What a finished task produced: its links (entity pages, downloads, repositories) and texts. */
export function TaskOutputCard(props: { output: TaskOutput }) {
  const links = () => (Array.isArray(props.output.links) ? props.output.links.map(resolveOutputLink) : []);
  const texts = () => (Array.isArray(props.output.text) ? props.output.text.filter((t) => t && typeof t.content === 'string') : []);
  return (
    <Show when={links().length || texts().length}>
      <section class="card sc-output" aria-labelledby="sc-output-title">
        <div class="card-header">
          <h2 id="sc-output-title">Output</h2>
        </div>
        <div class="card-body">
          <Show when={links().length}>
            <ul class="sc-output-links" aria-label="Output links">
              <For each={links()}>
                {(link) => (
                  <li>
                    <Show when={link.href} fallback={<span class="chip-link link-blocked">{link.title}</span>}>
                      {(href) => (
                        <Show
                          when={link.internal}
                          fallback={
                            // `download` also keeps the router from treating an API path as a page of the app.
                            <a
                              class="button"
                              href={href()}
                              target={href().startsWith('/') ? undefined : '_blank'}
                              rel={href().startsWith('/') ? 'external' : 'noopener noreferrer'}
                              download={href().startsWith('/') ? '' : undefined}
                            >
                              <Icon name={href().startsWith('/') ? 'file' : 'external'} />
                              {link.title}
                            </a>
                          }
                        >
                          <A class="button button-primary" href={href()}>
                            <Icon name="catalog" />
                            {link.title}
                          </A>
                        </Show>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <For each={texts()}>
            {(text) => (
              <div class="sc-output-text">
                <Show when={text.title}>
                  <h3>{text.title}</h3>
                </Show>
                <Suspense fallback={<p class="sc-output-markdown sc-failure">{text.content}</p>}>
                  <OutputMarkdown source={text.content ?? ''} />
                </Suspense>
              </div>
            )}
          </For>
        </div>
      </section>
    </Show>
  );
}
