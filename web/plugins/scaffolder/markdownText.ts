import MarkdownIt from 'markdown-it';
import { sanitizeDocsHtml } from '../../lib/sanitizeDocsHtml';

// Raw HTML in the Markdown stays text; markdown-it also refuses javascript:/vbscript: link targets.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

/**
 * A task output's text (Markdown, as in Backstage) as sanitized DOM: the template that wrote it
 * is not trusted, so the HTML goes through the same sanitizer as documentation pages.
 */
export function renderOutputMarkdown(source: string): DocumentFragment {
  const fragment = sanitizeDocsHtml(markdown.render(source));
  // Links leave the portal in a new tab, never with our window as their opener.
  for (const a of fragment.querySelectorAll('a[href]')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
  return fragment;
}
