// `server-only` throws outside a React Server environment; tests exercise server code directly.
import { vi } from 'vitest';

vi.mock('server-only', () => ({}));
