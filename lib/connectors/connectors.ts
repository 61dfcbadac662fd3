import 'server-only';
import type { TikTokAccountKind } from '@/lib/db/schema';
import { adsConnector } from './ads-connector';
import { businessConnector } from './business-connector';
import type { Connector } from './connector';
import { creatorConnector } from './creator-connector';

/** The one table of what differs per account kind (see `Connector`). */
export const CONNECTORS: Record<TikTokAccountKind, Connector> = {
  creator: creatorConnector,
  business: businessConnector,
  ads: adsConnector,
};

export function connectorFor(kind: TikTokAccountKind): Connector {
  return CONNECTORS[kind];
}
