/** Calls `onSignal` once on the first SIGINT or SIGTERM; a second one exits at once. */
export function onTermination(onSignal: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    onSignal(signal);
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
  return () => process.off('SIGINT', handler).off('SIGTERM', handler);
}
