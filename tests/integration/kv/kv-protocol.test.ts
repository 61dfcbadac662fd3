import { describe } from 'vitest';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';
import { describeKvProtocol } from './kv-protocol-cases';

describe.runIf(hasRedis)('local kv endpoint in front of the real Redis', () => {
  describeKvProtocol('Upstash REST protocol', TEST_REDIS_URL);
});
