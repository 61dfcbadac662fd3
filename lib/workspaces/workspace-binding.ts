/**
 * How a request says which workspace the page that sent it was rendered for. The workspace cookie
 * says where the user is *now*; a second tab may have switched it since the page loaded. Every
 * state-changing form carries the hidden field (rendered by `<WorkspaceIdField />`), and calls to
 * workspace routes without an id in their path send the header. The wrappers refuse a mismatch.
 */
export const WORKSPACE_FORM_FIELD = '_workspaceId';
export const WORKSPACE_HEADER = 'x-workspace-id';
