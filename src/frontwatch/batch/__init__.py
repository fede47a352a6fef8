"""Batch: the per-article stages on a Dask cluster, partitioned Parquet, and loading it.

- ``frontwatch.batch.cluster.run_batch``: read -> clean on the client, then
  ``Pipeline.process`` per partition on Dask workers, Parquet out;
- ``frontwatch.batch.load.load_parquet``: Parquet into the store (idempotent),
  then ``fuse_new`` (incremental fusion);
- ``frontwatch.batch.parquet``: the tables and their schemas.

Dask and pyarrow are imported only by the submodules, so importing this
package stays cheap.
"""
