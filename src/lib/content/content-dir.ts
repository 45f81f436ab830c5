/** Where the newsroom's files are: `content/`, or the folder named by DEPESCHE_CONTENT_DIR (fixtures, other papers). */
export function getContentDir(env: Record<string, string | undefined> = process.env): string {
  return env['DEPESCHE_CONTENT_DIR'] || 'content';
}
