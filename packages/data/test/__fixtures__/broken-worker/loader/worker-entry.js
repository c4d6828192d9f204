// A worker script that dies at its top level, as one that fails to load would
throw new Error('this worker script is broken');
