import { useBackend } from '../reference/backend';

// Every test file computes references in its own process: on the backend the CLI would choose.
await useBackend();
