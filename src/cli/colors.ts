// Whether a stream gets ANSI: only a TTY, and never when NO_COLOR is set (https://no-color.org).
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** True when `stream` is a terminal and the user has not asked for plain output. */
export function isFancy(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Colors {
  return pc.createColors(isFancy(stream, env));
}
