import { renderOutputMarkdown } from './markdownText';

/** A task output text rendered from Markdown (sanitized); its own chunk, fetched only when a task has text. */
export default function OutputMarkdown(props: { source: string }) {
  return <div class="sc-output-markdown">{renderOutputMarkdown(props.source)}</div>;
}
