"""Collections of quotes (highlight reels): the routes call app.services.collections and nothing else."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Response, status
from fastapi.responses import PlainTextResponse

from app.api.deps import Require, RuntimeDep, SessionDep
from app.api.openapi import raises
from app.schemas import MAX_DB_INT
from app.schemas.collections import (
    CollectionCreate,
    CollectionItemAdd,
    CollectionList,
    CollectionRead,
    CollectionUpdate,
)
from app.services import collections as collection_service
from app.services import projects as project_service

router = APIRouter(tags=["collections"])

ProjectId = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
CollectionId = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
UtteranceId = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
READ = [Depends(Require("projects:read"))]
WRITE = [Depends(Require("projects:write"))]


def _read(session, collection_id: int) -> CollectionRead:
    collection = collection_service.get(session=session, collection_id=collection_id)
    return collection_service.read(session=session, collections=[collection])[0]


@router.get("/api/projects/{project_id}/collections", dependencies=READ, response_model=CollectionList)
def list_collections(project_id: ProjectId, session: SessionDep) -> CollectionList:
    found = collection_service.list(session=session, project_id=project_id)
    return CollectionList(collections=collection_service.read(session=session, collections=found, with_items=False))


@router.post(
    "/api/projects/{project_id}/collections",
    dependencies=WRITE,
    status_code=status.HTTP_201_CREATED,
    response_model=CollectionRead,
)
def create_collection(project_id: ProjectId, collection_in: CollectionCreate, session: SessionDep) -> CollectionRead:
    collection = collection_service.create(session=session, project_id=project_id, collection_in=collection_in)
    return collection_service.read(session=session, collections=[collection])[0]


@router.get("/api/collections/{collection_id}", dependencies=READ, response_model=CollectionRead)
def get_collection(collection_id: CollectionId, session: SessionDep) -> CollectionRead:
    return _read(session, collection_id)


@router.patch("/api/collections/{collection_id}", dependencies=WRITE, response_model=CollectionRead)
def rename_collection(
    collection_id: CollectionId, collection_in: CollectionUpdate, session: SessionDep
) -> CollectionRead:
    collection_service.update(session=session, collection_id=collection_id, collection_in=collection_in)
    return _read(session, collection_id)


@router.delete("/api/collections/{collection_id}", dependencies=WRITE, status_code=status.HTTP_204_NO_CONTENT)
def delete_collection(collection_id: CollectionId, session: SessionDep) -> None:
    collection_service.delete(session=session, collection_id=collection_id)


@router.post(
    "/api/collections/{collection_id}/items",
    dependencies=WRITE,
    status_code=status.HTTP_201_CREATED,
    response_model=CollectionRead,
    responses=raises("quote_from_another_project", "collection_full"),
)
def add_item(collection_id: CollectionId, item_in: CollectionItemAdd, session: SessionDep) -> CollectionRead:
    """Save a quote; saving one that is already in the collection changes nothing."""
    collection_service.add_item(session=session, collection_id=collection_id, utterance_id=item_in.utterance_id)
    return _read(session, collection_id)


@router.delete(
    "/api/collections/{collection_id}/items/{utterance_id}",
    dependencies=WRITE,
    status_code=status.HTTP_204_NO_CONTENT,
)
def remove_item(collection_id: CollectionId, utterance_id: UtteranceId, session: SessionDep) -> None:
    collection_service.remove_item(session=session, collection_id=collection_id, utterance_id=utterance_id)


@router.get("/api/collections/{collection_id}/export", dependencies=READ, response_class=PlainTextResponse)
def export_collection(
    collection_id: CollectionId, session: SessionDep, format: Literal["csv", "md"] = "csv"
) -> PlainTextResponse:
    collection = _read(session, collection_id)
    filename = f"{collection_service.slug(collection.name)}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if format == "md":
        project = project_service.get(session=session, project_id=collection.project_id)
        text = collection_service.export_markdown(collection, project.name)
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8", headers=headers)
    return PlainTextResponse(
        collection_service.export_csv(collection), media_type="text/csv; charset=utf-8", headers=headers
    )


@router.get(
    "/api/collections/{collection_id}/reel",
    dependencies=READ,
    response_class=Response,
    responses={
        200: {"content": {"audio/wav": {}}, "description": "The recorded quotes as one WAV file."},
        **raises("no_recordings"),
    },
)
def collection_reel(collection_id: CollectionId, session: SessionDep, runtime: RuntimeDep) -> Response:
    """The collection's recorded quotes, one after another with short gaps, as one downloadable WAV."""
    audio, filename = collection_service.reel(session=session, runtime=runtime, collection_id=collection_id)
    return Response(
        audio, media_type="audio/wav", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
