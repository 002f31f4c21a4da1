/**
 * What main answers when the window asks for something it may not have by its word alone (issue 17, finding 4):
 * a path main did not get from its own dialog, a network or device path, or a change the person did not
 * confirm in main's own dialog.
 */
export const WindowTrustErrors = {
  /**
   * The one answer for a file or folder main did not hand out from its own dialog: an unknown, forged,
   * reused or expired handle, a raw path, a folder not picked. It says nothing of whether the file exists.
   */
  PATH_NOT_FROM_DIALOG: 'PATH_NOT_FROM_DIALOG',
  /** A UNC or device path (\\server\share, //server, \\?\, \\.\): opening one sends the user's NTLM hash on Windows. */
  NETWORK_PATH_REFUSED: 'NETWORK_PATH_REFUSED',
  /** The person answered no (or closed) main's own confirmation of a change. */
  CHANGE_NOT_CONFIRMED: 'CHANGE_NOT_CONFIRMED',
} as const;
