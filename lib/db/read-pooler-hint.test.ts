import { describe, expect, it } from 'vitest';
import { readPoolerHint } from './create-db';

describe('readPoolerHint', () => {
  it('keeps prepared statements on a direct connection', () => {
    expect(readPoolerHint('postgres://u:p@db.example:5432/app')).toEqual({
      connectionUrl: 'postgres://u:p@db.example:5432/app',
      behindPooler: false,
    });
  });

  it('detects a pooler by flag (and strips the flag) or by Supabase’s pooler port', () => {
    expect(readPoolerHint('postgres://u:p@db.example:5432/app?pgbouncer=true&sslmode=require')).toEqual({
      connectionUrl: 'postgres://u:p@db.example:5432/app?sslmode=require',
      behindPooler: true,
    });
    expect(readPoolerHint('postgres://u:p@pooler.supabase.example:6543/postgres').behindPooler).toBe(true);
  });
});
