// Runs s3rver (an S3-compatible server from npm) for the storage tests, in its own process so
// its memory never counts against the code under test. Prints {"port":…} once it listens.
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
// The CORS rules a browser upload needs (README, "Bucket CORS"): PUT from the app, ETag exposed.
const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>
<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>
<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on('SIGTERM', () => server.close().finally(() => process.exit(0)));
