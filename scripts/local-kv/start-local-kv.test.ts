import { describeKvProtocol } from '@/tests/integration/kv/kv-protocol-cases';

describeKvProtocol('local kv endpoint, embedded backend');
