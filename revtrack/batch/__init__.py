"""Batch grouping of an archive on a Dask cluster (``revtrack batch``; needs ``revtrack[dask]``).

* :mod:`~revtrack.batch.plan`: the inputs listed and cut into work units (driver);
* :mod:`~revtrack.batch.extract`: units extracted to Parquet sightings (workers);
* :mod:`~revtrack.batch.graph`: the grouping steps on DataFrame partitions;
* :mod:`~revtrack.batch.steps`: the steps that number, loop or regroup (sketch table, components, stories);
* :mod:`~revtrack.batch.tables`: typed Parquet writing;
* :mod:`~revtrack.batch.output`: the tables written; :mod:`~revtrack.batch.load`: into a store;
* :mod:`~revtrack.batch.run`: the three phases, in order.

Nothing in the core imports this package.
"""
