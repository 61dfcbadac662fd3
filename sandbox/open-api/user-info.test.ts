import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const ALL_FIELDS =
  'open_id,union_id,avatar_url,avatar_url_100,avatar_large_url,display_name,bio_description,profile_deep_link,is_verified,username,follower_count,following_count,likes_count,video_count';

describe('GET /v2/user/info/', () => {
  it('returns only the requested fields in the {data:{user}, error:{code:"ok"}} envelope', async () => {
    const user = await createUser(sandbox, {
      username: 'field_tester',
      stats: { followers: 5, following: 6, likes: 7, videos: 0 },
      videos: 3,
    });
    const { tokens } = await connectCreator(sandbox, { user });
    const result = await callOpenApi(sandbox, tokens.access_token, `/v2/user/info/?fields=${ALL_FIELDS}`);
    expect(result.status).toBe(200);
    expect(result.json.error).toMatchObject({ code: 'ok', message: '' });
    expect(result.json.error.log_id).toBeTruthy();
    expect(result.json.data.user).toMatchObject({
      open_id: tokens.open_id,
      username: 'field_tester',
      follower_count: 5,
      following_count: 6,
      likes_count: 7,
      video_count: 3,
      is_verified: false,
    });
    const narrow = await callOpenApi(
      sandbox,
      tokens.access_token,
      '/v2/user/info/?fields=open_id,display_name',
    );
    expect(Object.keys(narrow.json.data.user as object).sort()).toEqual(['display_name', 'open_id']);
  });

  it.each([
    ['no Authorization header', null],
    ['an unknown token', 'act.sbx.unknown'],
  ])('401 access_token_invalid with %s', async (_name, token) => {
    const response = await fetch(`${sandbox.url}/v2/user/info/?fields=open_id`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(response.status).toBe(401);
    const json = (await response.json()) as { data: unknown; error: { code: string; message: string } };
    expect(json).toMatchObject({ data: {}, error: { code: 'access_token_invalid' } });
    expect(json.error.message).toBe('The access token is invalid or not found in the request.');
  });

  it('401 scope_not_authorized when no user.info scope was granted', async () => {
    const { tokens } = await connectCreator(sandbox, { scopes: ['video.list'] });
    const result = await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id');
    expect(result.status).toBe(401);
    expect(result.json.error.code).toBe('scope_not_authorized');
  });

  it.each([
    ['username', 'user.info.profile'],
    ['bio_description', 'user.info.profile'],
    ['follower_count', 'user.info.stats'],
    ['video_count', 'user.info.stats'],
  ])('400 scope_permission_missed for %s without %s', async (field, scope) => {
    const { tokens } = await connectCreator(sandbox, { scopes: ['user.info.basic'] });
    const result = await callOpenApi(sandbox, tokens.access_token, `/v2/user/info/?fields=open_id,${field}`);
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ data: {}, error: { code: 'scope_permission_missed' } });
    expect(result.json.error.message).toContain(scope);
  });

  it('400 invalid_params for missing or unknown fields', async () => {
    const { tokens } = await connectCreator(sandbox);
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/')).json.error.code).toBe(
      'invalid_params',
    );
    const unknown = await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id,email');
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 'invalid_params' } } });
  });

  it('429 rate_limit_exceeded after 600 calls per token in a sliding minute', async () => {
    const { tokens } = await connectCreator(sandbox);
    const other = await connectCreator(sandbox);
    const path = '/v2/user/info/?fields=open_id';
    const statuses = await Promise.all(
      Array.from({ length: 600 }, () =>
        callOpenApi(sandbox, tokens.access_token, path).then((r) => r.status),
      ),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await callOpenApi(sandbox, tokens.access_token, path);
    expect(limited).toMatchObject({
      status: 429,
      json: { data: {}, error: { code: 'rate_limit_exceeded' } },
    });
    expect((await callOpenApi(sandbox, other.tokens.access_token, path)).status).toBe(200);
    sandbox.ctx.clock.travel(60_001);
    expect((await callOpenApi(sandbox, tokens.access_token, path)).status).toBe(200);
  });

  it('401 after the user revokes access from the control API', async () => {
    const { user, tokens } = await connectCreator(sandbox);
    await fetch(`${sandbox.url}/_sandbox/authorizations/revoke`, {
      method: 'POST',
      body: JSON.stringify({ userId: user.id }),
    });
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      401,
    );
  });

  it('401 after the token is invalidated from the control API', async () => {
    const { tokens } = await connectCreator(sandbox);
    await fetch(`${sandbox.url}/_sandbox/tokens/invalidate`, {
      method: 'POST',
      body: JSON.stringify({ token: tokens.access_token }),
    });
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      401,
    );
  });
});
