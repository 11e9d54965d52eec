// Placeholder until the sandbox schema lands: creates nothing.
export async function seedSandbox(_url: string): Promise<void> {}
