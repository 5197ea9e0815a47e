"""`heraldo serve | worker | beat | migrate | demo | user create | apikey create`."""

import importlib
import sys

import typer

from heraldo.core.db import Database
from heraldo.core.errors import HeraldoError
from heraldo.core.settings import INSECURE_DEV_SECRET, get_settings

app = typer.Typer(help="Heraldo: self-hosted social-media marketing.", no_args_is_help=True, add_completion=False)
user_app = typer.Typer(help="Manage dashboard users.", no_args_is_help=True)
apikey_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(apikey_app, name="apikey")


def _database() -> Database:
    # Every domain's models: a command that imports only some would fail at the first flush on a foreign key
    # to a table whose model was never imported (posts.recurring_rule_id -> recurring_rules).
    importlib.import_module("heraldo.core.schema")
    return Database(get_settings().database_url)


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    workers: int = typer.Option(1, help="Web worker processes (in-process jobs need a broker when > 1)"),
) -> None:
    """Serve the API and the dashboard (and run jobs in-process when no broker is set)."""
    import uvicorn

    settings = get_settings()
    if settings.secret_key == INSECURE_DEV_SECRET:
        typer.secho("warning: HERALDO_SECRET_KEY is not set; using an insecure development key", fg="yellow", err=True)
    if workers > 1 and not settings.broker_url:
        _fail("several web workers would each run the job runner: set HERALDO_BROKER_URL or use --workers 1")
    jobs = "Celery workers via " + settings.broker_url.split("@")[-1] if settings.broker_url else "in-process"
    typer.echo(f"Heraldo on http://{host}:{port}  (database: {settings.database_url.split('@')[-1]}; jobs: {jobs})")
    uvicorn.run("heraldo.app:create_app", factory=True, host=host, port=port, workers=workers, log_config=None)


@app.command()
def worker(
    concurrency: int = typer.Option(4, help="Worker processes"),
    loglevel: str = typer.Option("INFO", help="Celery log level"),
) -> None:
    """Run a Celery worker (needs HERALDO_BROKER_URL)."""
    settings = get_settings()
    if not settings.broker_url:
        _fail("HERALDO_BROKER_URL is not set: without a broker, jobs run inside `heraldo serve`")
    from heraldo.core.logging import configure_logging
    from heraldo.worker import celery_app

    configure_logging(settings.log_level, settings.log_json)
    celery_app.worker_main(
        ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}", "-Q", settings.celery_queue]
    )


@app.command()
def beat(
    schedule_file: str = typer.Option("", help="Where beat keeps its state (default: <data dir>/celerybeat-schedule)"),
    loglevel: str = typer.Option("INFO", help="Celery log level"),
) -> None:
    """Run Celery beat: sends the periodic jobs of the beat table to the workers."""
    settings = get_settings()
    if not settings.broker_url:
        _fail("HERALDO_BROKER_URL is not set: without a broker, periodic jobs run inside `heraldo serve`")
    from heraldo.worker import celery_app

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = schedule_file or str(settings.data_dir / "celerybeat-schedule")
    celery_app.start(["beat", f"--loglevel={loglevel}", f"--schedule={path}"])


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (safe to run at every start)."""
    from heraldo.core.migrations import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    typer.echo(f"database is up to date ({settings.database_url.split('@')[-1]})")


@app.command()
def demo() -> None:
    """Create the demo workspace with generated sample data (once; later runs just print its login)."""
    from heraldo.demo.seed import seed_demo

    database = _database()
    with database.session() as db:
        login = seed_demo(db=db)
    verb = "Created" if login.created else "Already present:"
    typer.echo(f"{verb} demo workspace '{login.workspace}' (generated sample data, clearly marked as demo).")
    typer.echo(f"Log in with  email: {login.email}  password: {login.password}")


@user_app.command("create")
def user_create(
    email: str = typer.Argument(..., help="Login email"),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="At least 8 characters"),
    workspace: str = typer.Option(..., help="Workspace name; created if new"),
    timezone: str = typer.Option("", help="IANA time zone for a new workspace (default HERALDO_DEFAULT_TIMEZONE)"),
) -> None:
    """Create a user as owner of WORKSPACE (the workspace is created if it does not exist)."""
    from heraldo.workspaces.service import create_owner

    database = _database()
    try:
        with database.session() as db:
            user, ws = create_owner(
                db=db,
                email=email,
                password=password,
                workspace_name=workspace,
                timezone=timezone or get_settings().default_timezone,
            )
            typer.echo(f"user {user.email} is owner of workspace '{ws.name}' (id {ws.id})")
    except HeraldoError as exc:
        _fail(f"{exc.field + ': ' if exc.field else ''}{exc.message}")


@apikey_app.command("create")
def apikey_create(
    workspace: str = typer.Option(..., help="Workspace name"),
    scope: list[str] = typer.Option(..., "--scope", help="Scope to grant; repeat for several"),
    name: str = typer.Option("CLI key", help="A name to recognise the key by"),
) -> None:
    """Create an API key and print it once; only its hash is stored."""
    from heraldo.workspaces.service import create_api_key, find_workspace

    database = _database()
    try:
        with database.session() as db:
            ws = find_workspace(db=db, name=workspace)
            if ws is None:
                _fail(f"no workspace named {workspace!r}")
            api_key, secret = create_api_key(db=db, workspace_id=ws.id, name=name, scopes=scope)
    except HeraldoError as exc:
        _fail(f"{exc.field + ': ' if exc.field else ''}{exc.message}")
    typer.echo(secret)
    typer.echo(
        f"(key #{api_key.id} for '{workspace}' with scopes {', '.join(api_key.scopes)}; shown once, store it now)",
        err=True,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
