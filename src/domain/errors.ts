/** Errors carry the exit code of SPEC section 3; only the entry point turns them into an exit. */
export class CadenceError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input from the user: exit 2, nothing written. */
export class UsageError extends CadenceError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The command was fine but could not be carried out (database, disk): exit 1. */
export class RuntimeError extends CadenceError {
  constructor(message: string) {
    super(message, 1);
  }
}
