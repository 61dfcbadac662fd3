import type { BusinessState } from './business-state';
import { receiveCustomerDm } from './customer-actions';

/**
 * One business account with one open conversation, so the DM inbox has something to show on a fresh
 * start. Skipped when another module already seeded a business user.
 */
export function seedBusiness(state: BusinessState) {
  const { users, clock } = state.ctx;
  if (users.list('business').length > 0) return;
  const business = users.create(
    {
      kind: 'business',
      username: 'sandbox_shop',
      displayName: 'Sandbox Shop',
      bio: 'Handmade things, shipped worldwide.',
      isVerified: true,
      stats: { followers: 48_200, following: 112, likes: 912_000, videos: 0 },
    },
    clock.nowMs(),
  );
  // No app is authorized yet, so this fires no webhook.
  receiveCustomerDm(state, {
    business,
    customer: { id: '6900000000000000001', username: 'first_customer', displayName: 'First Customer' },
    text: 'Hi! Do you ship to Canada?',
  });
}
