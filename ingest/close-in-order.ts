/** One thing to close, named for the message when closing it fails. */
export type CloseStep = [name: string, close: () => Promise<unknown>];

/**
 * Closes things in the order given (worker before queue before connections), running every
 * step even when an earlier one fails.
 * @param onFailure told of each step that failed
 * @returns whether every step succeeded
 */
export async function closeInOrder(
  steps: CloseStep[],
  onFailure: (name: string, error: Error) => void,
): Promise<boolean> {
  let ok = true;
  for (const [name, close] of steps) {
    try {
      await close();
    } catch (error) {
      onFailure(name, error as Error);
      ok = false;
    }
  }
  return ok;
}
