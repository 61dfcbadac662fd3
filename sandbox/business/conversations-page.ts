import { escapeHtml as e, readBody, sendHtml } from '../core/http';
import type { Router } from '../core/router';
import type { BusinessState } from './business-state';
import type { Conversation, DmMessage } from './conversation-store';
import { conversationSummary } from './conversation-summary';
import { type CustomerDmInput, markReadByCustomer, receiveCustomerDm } from './customer-actions';

const PATH = '/_sandbox/conversations';
const page = (endpoint: string) => ({
  endpoint: `control.business.${endpoint}`,
  surface: 'control' as const,
});

function link(business: string, conversation?: string) {
  const query = new URLSearchParams({ business, ...(conversation ? { conversation } : {}) });
  return `${PATH}?${query}`;
}

function messageLine(message: DmMessage) {
  const who = message.direction === 'inbound' ? 'customer' : `business (${message.source})`;
  const body =
    message.text ??
    message.embedUrl ??
    (message.mediaId ? `[image ${message.mediaId}]` : `[${message.type}]`);
  const at = new Date(message.timestampMs).toISOString();
  return `<li class="${message.direction}"><small>${e(at)} · ${e(who)}</small><br>${e(body)}</li>`;
}

function thread(state: BusinessState, conversation: Conversation) {
  const s = conversationSummary(state, conversation);
  const window = s.canReply
    ? `business can reply until ${new Date(s.replyWindowClosesAt ?? 0).toISOString()}`
    : 'reply window closed';
  return `<h2>${e(conversation.customer.displayName)} <small>(${e(s.type)}, ${e(window)})</small></h2>
<ol class="thread">${conversation.messages.map(messageLine).join('')}</ol>`;
}

function render(state: BusinessState, businessId: string, conversationId: string) {
  const businesses = state.ctx.users.list('business');
  const business = businesses.find((b) => b.id === businessId) ?? businesses[0];
  if (!business) return '<p>No business users. Create one with POST /_sandbox/users.</p>';
  const conversations = state.conversations.list(business.id);
  const current = conversations.find((c) => c.id === conversationId);
  const businessLinks = businesses
    .map(
      (b) => `<a href="${e(link(b.id))}"${b.id === business.id ? ' class="on"' : ''}>@${e(b.username)}</a>`,
    )
    .join(' ');
  const conversationLinks = conversations
    .map(
      (c) =>
        `<li><a href="${e(link(business.id, c.id))}"${c === current ? ' class="on"' : ''}>${e(c.customer.displayName)}</a> (${c.messages.length})</li>`,
    )
    .join('');
  return `<p>Business: ${businessLinks}</p>
<div class="cols"><ul class="list"><li><a href="${e(link(business.id))}">+ new conversation</a></li>${conversationLinks}</ul>
<div>${current ? thread(state, current) : '<h2>New conversation</h2>'}
<form method="post" action="${PATH}">
<input type="hidden" name="business" value="${e(business.id)}">
<input type="hidden" name="conversation" value="${e(current?.id ?? '')}">
${current ? '' : '<label>Customer username <input name="customer_username" placeholder="happy_customer"></label><br>'}
<label>Type <select name="type"><option>text</option><option>image</option><option>share_post</option><option>sticker</option></select></label><br>
<textarea name="text" rows="3" cols="60" placeholder="Message text (or embed URL for share_post)"></textarea><br>
<button name="action" value="dm">Send as customer</button>
${current ? '<button name="action" value="read">Mark read as customer</button>' : ''}
</form></div></div>`;
}

/** A developer's window into business DMs: pick an account and a thread, write as the customer. */
export function registerConversationsPage(router: Router, state: BusinessState) {
  router.add('GET', PATH, page('conversations-page'), ({ res, url }) => {
    const body = render(
      state,
      url.searchParams.get('business') ?? '',
      url.searchParams.get('conversation') ?? '',
    );
    sendHtml(
      res,
      200,
      `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox · Business DMs</title>
<style>body{font-family:system-ui;margin:2rem}.cols{display:flex;gap:2rem}.list{min-width:14rem}
.on{font-weight:bold}.thread li{margin:.4rem 0}.outbound{color:#0a5}</style></head>
<body><h1>Business DMs</h1><p><a href="/_sandbox">← sandbox</a></p>${body}</body></html>`,
    );
  });

  router.add('POST', PATH, page('conversations-page.post'), async ({ req, res }) => {
    const form = new URLSearchParams((await readBody(req, 1024 * 1024)).toString('utf8'));
    const business = state.ctx.users.get(form.get('business') ?? '');
    const conversationId = form.get('conversation') || undefined;
    let target = conversationId;
    if (business && form.get('action') === 'read' && conversationId) {
      const conversation = state.conversations.get(conversationId);
      if (conversation) markReadByCustomer(state, conversation);
    } else if (business) {
      const type = (form.get('type') ?? 'text') as NonNullable<CustomerDmInput['type']>;
      const text = form.get('text') ?? '';
      const username = form.get('customer_username') || undefined;
      const { conversation } = receiveCustomerDm(state, {
        business,
        conversationId,
        customer: username ? { username } : undefined,
        type,
        text: text || undefined,
        embedUrl: type === 'share_post' && text ? text : undefined,
      });
      target = conversation.id;
    }
    res.writeHead(303, { location: link(business?.id ?? '', target) });
    res.end();
  });
}
