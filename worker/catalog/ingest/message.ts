/** A unit of ingestion work on the INGEST queue: (re)process one location key. */
export interface IngestMessage {
  type: 'process-location';
  /** `url:<absolute url>`, the key entities are managed by. */
  locationKey: string;
  /** Key of the location registered through the API that this one descends from. */
  originKey: string;
  /** Key of the location whose Location entity pointed here (absent for a root). */
  parentKey?: string;
  /** Ref of the Location entity that pointed here. */
  parentRef?: string;
  /** How many Location hops from the registered location; bounded so cycles end. */
  depth: number;
}
