/**
 * Node file-system errors in words, for one-line messages ("permission denied"). A leaf module with no
 * imports, shared by the data layer (reading inputs) and the CLI (writing outputs), whose start-up
 * path (io.ts) must not load the data layer.
 */

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a component of the path is a file, not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EEXIST: 'already exists',
  EBUSY: 'the resource is busy',
  EXDEV: 'crosses file systems',
  EIO: 'input/output error',
  EINVAL: 'invalid argument for this file system',
};

/** The reason of a Node file-system error in words ("permission denied"), or its first line. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FS_REASONS[code] !== undefined) return FS_REASONS[code];
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/** True for a Node system error (it carries an errno code such as ENOENT). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}
