/**
 * The `Location` of a name → id redirect: `/v1/instances/<id>` plus the original sub-path after the
 * name segment and the original query string (api.md §5.3).
 */
export function instanceRedirectLocation(instanceId: string, originalPath: string, search: string): string {
  const prefix = '/v1/instances/';
  const rest = originalPath.startsWith(prefix) ? originalPath.slice(prefix.length) : '';
  const slash = rest.indexOf('/');
  const subPath = slash === -1 ? '' : rest.slice(slash);
  return `${prefix}${instanceId}${subPath}${search}`;
}
