import type { NotifyFormat } from '../db/schema/notifications';
import type { RunSummary } from './run-summary';

/**
 * The bytes a target receives, from the stored summary. Pure. The JSON format is the summary with
 * the delivery id first (stable across retries: a receiver that saw it already can drop a repeat);
 * the Slack format is what an incoming webhook of Slack (or Mattermost, Rocket.Chat) accepts.
 */
export function notificationBody(format: NotifyFormat, deliveryId: string, summary: RunSummary): string {
  return JSON.stringify(format === 'slack' ? slackMessage(summary) : { deliveryId, ...summary });
}

const ICONS: Record<RunSummary['event'], string> = {
  'removal_guard.tripped': ':octagonal_sign:',
  'run.failed': ':x:',
  'run.partial': ':warning:',
  'employees.held': ':raised_hand:',
  'assets.created': ':new:',
};

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** Slack's `text` (the notification's line) and blocks: headline, figures, error, run. */
export function slackMessage(s: RunSummary): SlackMessage {
  const c = s.counts;
  const fields = [
    ['Status', s.run.status],
    ['Trigger', `${s.run.trigger} (${s.run.mode})`],
    ['Created', c.created],
    ['Updated', c.updated],
    ['Removed', c.removed],
    ['Device errors', c.errors],
    ...(c.employeesHeld ? [['Held for review', c.employeesHeld]] : []),
  ].map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${escapeSlack(String(value))}` }));
  const blocks: Array<Record<string, unknown>> = [
    { type: 'section', text: { type: 'mrkdwn', text: `${ICONS[s.event]} *${escapeSlack(s.organization.name)}* (${escapeSlack(s.organization.slug)}): ${escapeSlack(s.events.join(', '))}` } },
    { type: 'section', fields },
  ];
  if (s.error) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(s.error.code)}*: ${escapeSlack(s.error.message)}` } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Run ${s.run.id} · finished ${s.run.finishedAt} · report ${s.run.report}` }] });
  return { text: s.text, blocks };
}

/** Slack reads &, < and > as markup (links, mentions): text from a run is shown as it is. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
