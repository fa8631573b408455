import { exposeBench } from './exposeBench';
import { floorClient } from './floorClient';

exposeBench('floor', floorClient);
