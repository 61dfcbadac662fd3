/** Only same-site paths may be redirected to after sign-in; anything else falls back. */
export function safeRedirectPath(value: unknown, fallback = '/accounts'): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  )
    return fallback;
  return value;
}
