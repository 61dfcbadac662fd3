// Runs s3rver (an S3-compatible server from npm) for the storage tests, in its own process so
// its memory never counts against the code under test. Prints {"port":…} once it listens.
//
// s3rver checks a presigned URL's expiry but not its SigV4 signature ("unimplemented" in its
// source), so presigned requests are verified here first, as S3 does: a body whose
// Content-Length or Content-Type differs from what was signed is refused with 403.
import { createHash, createHmac } from 'node:crypto';
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const SECRET = 'S3RVER';

const encode = (value) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

function presignedSignatureMatches(req) {
  const url = new URL(req.url, 'http://s3rver');
  const query = url.searchParams;
  const given = query.get('X-Amz-Signature');
  if (!given) return true; // Header-signed SDK calls: s3rver's own checks apply.
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headerValue = (name) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalRequest = [
    req.method,
    req.url.split('?')[0],
    canonicalQuery,
    signedHeaders.map((name) => `${name}:${headerValue(name)}\n`).join(''),
    signedHeaders.join(';'),
    query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const [, date, region, service] = (query.get('X-Amz-Credential') ?? '').split('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    query.get('X-Amz-Date'),
    `${date}/${region}/${service}/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex') === given;
}

class VerifyingS3rver extends S3rver {
  callback() {
    const handle = super.callback();
    return (req, res) => {
      if (presignedSignatureMatches(req)) return handle(req, res);
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code></Error>');
    };
  }
}

// The CORS rules a browser upload needs (README, "Bucket CORS"): PUT from the app, ETag exposed.
const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>
<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>
<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
const server = new VerifyingS3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on('SIGTERM', () => server.close().finally(() => process.exit(0)));
