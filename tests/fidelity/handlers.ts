// The handlers the Lambda cases deploy, one per behaviour AWS was recorded with.
export const handlerPackages: Record<string, Record<string, string>> = {
  echo: { 'handler.py': 'def handler(event, context):\n    return event\n' },
  'echo-index': { 'index.py': 'def handler(event, context):\n    return event\n' },
  version: { 'handler.py': 'def handler(event, context):\n    return {"version": 2}\n' },
  raises: { 'app.py': 'def handler(event, context):\n    raise Exception("Handler fails")\n' },
  sleeps: { 'app.py': 'import time\n\n\ndef handler(event, context):\n    time.sleep(5)\n' },
  exits: { 'app.py': 'import sys\n\n\ndef handler(event, context):\n    sys.exit(0)\n' },
};
