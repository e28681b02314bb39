"""labbook's Lambda runtime for Python.

One execution environment is one process running this file. It loads the
function's handler, then loops on the Lambda Runtime API that the sandbox
serves: ask for the next invocation, call the handler, post the result or the
error. It behaves like AWS's own Python runtime where a handler can tell the
difference: the context object, the log format, the error payloads and their
error types.

Standard library only, and compatible with Python 3.8+, because it runs on
whatever Python the host has.
"""

import decimal
import http.client
import importlib
import importlib.util
import json
import logging
import os
import sys
import time
import traceback
import urllib.parse

RUNTIME_API_VERSION = "2018-06-01"
# Written to stdout and stderr after each invocation so the sandbox knows it has
# read every line the handler printed before it writes END and REPORT.
FLUSH_MARK = os.environ.pop("_LABBOOK_FLUSH_MARK", "")
# Where the AWS SDK's requests really go (the sandbox), whatever endpoint a
# handler's client was built with.
SANDBOX_ENDPOINT = os.environ.pop("_LABBOOK_SANDBOX_ENDPOINT", "")
# Where AWS unpacks a function's code; tracebacks name the function's files
# there, not in the sandbox's own folder.
AWS_TASK_ROOT = "/var/task"


class RuntimeApi:
    """A client for the Runtime API over one kept-alive HTTP connection."""

    def __init__(self, address):
        host, _, prefix = address.partition("/")
        self.connection = http.client.HTTPConnection(host)
        self.base = ("/" + prefix if prefix else "") + "/" + RUNTIME_API_VERSION + "/runtime"

    def _request(self, method, path, body=None, headers=None):
        self.connection.request(method, self.base + path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        return response, response.read()

    def next_invocation(self):
        response, body = self._request("GET", "/invocation/next")
        if response.status != 200:
            raise RuntimeError("Runtime API answered %d to invocation/next" % response.status)
        return response.headers, body

    def post_response(self, request_id, body):
        self._request("POST", "/invocation/%s/response" % request_id, body)

    def post_error(self, request_id, error):
        self._request(
            "POST",
            "/invocation/%s/error" % request_id,
            json.dumps(error).encode("utf-8"),
            {"Lambda-Runtime-Function-Error-Type": error["errorType"]},
        )

    def post_init_error(self, error):
        self._request(
            "POST",
            "/init/error",
            json.dumps(error).encode("utf-8"),
            {"Lambda-Runtime-Function-Error-Type": error["errorType"]},
        )


class FaultError(Exception):
    """A failure the runtime reports with its own error type (Runtime.*)."""

    def __init__(self, error_type, message, stack_trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []


class LambdaContext:
    """The second argument of every handler, with the attributes AWS provides."""

    def __init__(self, request_id, invoked_function_arn, deadline_ms, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = client_context
        self.identity = identity
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def log(self, message):
        sys.stdout.write(str(message))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s,function_version=%s])" % (
            self.aws_request_id,
            self.function_name,
            self.function_version,
        )


class RequestIdFilter(logging.Filter):
    """Stamps each log record with the id of the invocation in progress."""

    request_id = ""

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


class OneEventHandler(logging.StreamHandler):
    """Writes a log record as one line, so a multi-line message stays one log event.

    Line breaks inside the record become carriage returns; the sandbox turns
    them back into line breaks within the event, as AWS keeps them together.
    """

    def emit(self, record):
        try:
            text = self.format(record).replace("\n", "\r")
            self.stream.write(text + "\n")
            self.flush()
        except Exception:
            self.handleError(record)


def set_up_logging():
    logging.Formatter.converter = time.gmtime
    handler = OneEventHandler(sys.stdout)
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)


def log_error(error):
    """Logs an error as AWS's runtime does: one event, type, message, traceback."""
    lines = ["[ERROR] %s: %s" % (error["errorType"], error["errorMessage"])]
    if error["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        for entry in error["stackTrace"]:
            lines.extend(entry.rstrip("\n").split("\n"))
    sys.stdout.write("\r".join(lines) + "\n")
    sys.stdout.flush()


def make_error(message, error_type, stack_trace, request_id=""):
    return {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id,
        "stackTrace": stack_trace,
    }


def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise FaultError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, error))
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise FaultError(
            "Runtime.BuiltInModuleConflict",
            "Cannot use built-in module %s as a handler module" % module_name,
        )
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise FaultError(
            "Runtime.ImportModuleError",
            "Unable to import module '%s': %s" % (module_name, error),
        )
    except SyntaxError as error:
        raise FaultError(
            "Runtime.UserCodeSyntaxError",
            "Syntax error in module '%s': %s" % (module_name, error),
            ['  File "%s" Line %s\n    %s' % (as_deployed(error.filename), error.lineno, (error.text or "").strip())],
        )
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultError(
            "Runtime.HandlerNotFound",
            "Handler '%s' missing on module '%s'" % (function_name, module_name),
        )


def as_deployed(filename):
    """The path a file of the function's code has on AWS, under /var/task."""
    task_root = os.environ["LAMBDA_TASK_ROOT"]
    for root in (task_root, os.path.realpath(task_root)):
        if filename and filename.startswith(root + os.sep):
            return AWS_TASK_ROOT + filename[len(root):].replace(os.sep, "/")
    return filename


def user_frames(tb):
    """The traceback without this runtime's own frames, formatted as AWS lists it."""
    frames = traceback.extract_tb(tb)
    while frames and frames[0].filename == __file__:
        frames = frames[1:]
    # extract_tb has already read each frame's source line from its real path.
    for frame in frames:
        frame.filename = as_deployed(frame.filename)
    return traceback.format_list(frames)


class ResultEncoder(json.JSONEncoder):
    """JSON as AWS's runtime writes it; DynamoDB's Decimals become numbers."""

    def default(self, value):
        if isinstance(value, decimal.Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return super().default(value)


def marshal(result):
    if isinstance(result, bytes):
        return result
    try:
        return json.dumps(result, cls=ResultEncoder).encode("utf-8")
    except Exception as error:
        raise FaultError("Runtime.MarshalError", "Unable to marshal response: %s" % error)


def parse_json_header(value, what):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError as error:
        raise FaultError(
            "Runtime.LambdaContextUnmarshalError", "Unable to parse %s JSON: %s" % (what, error)
        )


def flush_output():
    """Marks the end of an invocation's output on both streams."""
    for stream in (sys.stdout, sys.stderr):
        stream.write("\n" + FLUSH_MARK + "\n")
        stream.flush()


def handle(api, handler, headers, body):
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    RequestIdFilter.request_id = request_id
    os.environ["_X_AMZN_TRACE_ID"] = headers.get("Lambda-Runtime-Trace-Id", "")
    try:
        context = LambdaContext(
            request_id,
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            int(headers.get("Lambda-Runtime-Deadline-Ms", "0")),
            parse_json_header(headers.get("Lambda-Runtime-Client-Context"), "Client Context"),
            parse_json_header(headers.get("Lambda-Runtime-Cognito-Identity"), "Cognito Identity"),
        )
        try:
            event = json.loads(body) if body else None
        except ValueError as error:
            raise FaultError("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % error)
        result = marshal(handler(event, context))
    except FaultError as fault:
        error = make_error(fault.message, fault.error_type, fault.stack_trace, request_id)
    except Exception as exception:
        error = make_error(
            str(exception), type(exception).__name__, user_frames(exception.__traceback__), request_id
        )
    else:
        flush_output()
        api.post_response(request_id, result)
        return
    log_error(error)
    flush_output()
    api.post_error(request_id, error)


def redirect_aws_sdk_to_sandbox():
    """Sends every botocore request to the sandbox, keeping the signed Host.

    botocore signs a request for the host in its URL (the real AWS name, or an
    endpoint_url the handler chose). Changing only where the bytes go, after
    signing, lets the sandbox see the request exactly as AWS would. Older
    botocore (Debian's boto3 1.26) ignores AWS_ENDPOINT_URL, so this is what
    makes unchanged handler code reach the sandbox there.
    """
    target = urllib.parse.urlsplit(SANDBOX_ENDPOINT)

    def patch(httpsession):
        original_send = httpsession.URLLib3Session.send

        def send(self, request):
            url = urllib.parse.urlsplit(request.url)
            if url.netloc != target.netloc:
                if "Host" not in request.headers:
                    request.headers["Host"] = url.netloc
                request.url = urllib.parse.urlunsplit(
                    (target.scheme, target.netloc, url.path, url.query, url.fragment)
                )
            return original_send(self, request)

        httpsession.URLLib3Session.send = send

    # Patch when botocore is first imported, so handlers that never use it
    # do not pay for importing it.
    class PatchOnImport:
        def find_spec(self, name, path=None, target_module=None):
            if name != "botocore.httpsession":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            original_exec = spec.loader.exec_module

            def exec_module(module):
                original_exec(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, PatchOnImport())


def main():
    # The runtime's own folder must not shadow the function's modules.
    sys.path = [p for p in sys.path if p != os.path.dirname(os.path.abspath(__file__))]
    task_root = os.environ["LAMBDA_TASK_ROOT"]
    sys.path.insert(0, task_root)
    os.chdir(task_root)
    if SANDBOX_ENDPOINT:
        redirect_aws_sdk_to_sandbox()
    set_up_logging()
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])
    try:
        handler = load_handler(os.environ["_HANDLER"])
    except FaultError as fault:
        error = make_error(fault.message, fault.error_type, fault.stack_trace)
    except Exception as exception:
        # Code at module level raised while being imported.
        error = make_error(str(exception), type(exception).__name__, user_frames(exception.__traceback__))
    else:
        error = None
    if error is not None:
        log_error(error)
        flush_output()
        api.post_init_error(error)
        sys.exit(1)
    while True:
        headers, body = api.next_invocation()
        handle(api, handler, headers, body)


if __name__ == "__main__":
    main()
