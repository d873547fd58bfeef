import { chapterSuite } from './chapter-suite';

chapterSuite(5);
